/**
 * A made-up 2027 holiday arrangement, for tests only: NOT the State Council's notice (which this repository
 * does not have). It has what a real year has — days off on weekdays, a make-up Saturday and Sunday — so
 * that loading it visibly changes which days are working days.
 */
export const TEST_2027_FILE = {
  year: 2027,
  papers: ["https://example.org/test-only/holidays-2027"],
  days: [
    { name: "元旦", date: "2027-01-01", isOffDay: true }, // Fri
    { name: "元旦", date: "2027-01-02", isOffDay: true },
    { name: "元旦", date: "2027-01-03", isOffDay: true },
    { name: "春节", date: "2027-02-06", isOffDay: true }, // Sat … Sun 14 Feb
    { name: "春节", date: "2027-02-07", isOffDay: true },
    { name: "春节", date: "2027-02-08", isOffDay: true },
    { name: "春节", date: "2027-02-09", isOffDay: true },
    { name: "春节", date: "2027-02-10", isOffDay: true },
    { name: "春节", date: "2027-02-11", isOffDay: true },
    { name: "春节", date: "2027-02-12", isOffDay: true },
    { name: "春节", date: "2027-02-13", isOffDay: true },
    { name: "春节", date: "2027-02-14", isOffDay: true },
    { name: "春节", date: "2027-02-20", isOffDay: false }, // Sat worked
    { name: "劳动节", date: "2027-05-01", isOffDay: true }, // Sat … Wed 5 May
    { name: "劳动节", date: "2027-05-02", isOffDay: true },
    { name: "劳动节", date: "2027-05-03", isOffDay: true },
    { name: "劳动节", date: "2027-05-04", isOffDay: true },
    { name: "劳动节", date: "2027-05-05", isOffDay: true },
    { name: "劳动节", date: "2027-05-08", isOffDay: false }, // Sat worked
    { name: "国庆节", date: "2027-09-26", isOffDay: false }, // Sun worked
    { name: "国庆节", date: "2027-10-01", isOffDay: true }, // Fri … Thu 7 Oct
    { name: "国庆节", date: "2027-10-02", isOffDay: true },
    { name: "国庆节", date: "2027-10-03", isOffDay: true },
    { name: "国庆节", date: "2027-10-04", isOffDay: true },
    { name: "国庆节", date: "2027-10-05", isOffDay: true },
    { name: "国庆节", date: "2027-10-06", isOffDay: true },
    { name: "国庆节", date: "2027-10-07", isOffDay: true },
  ],
};
