import type { LicenceType } from "./schema/assessment";

/**
 * Common Chinese banks and lending platforms, by the name clients know them under, with the kind of licence
 * the lending entity holds. Only facts: no hotline or other contact detail is listed here (an organization
 * adds numbers it has checked itself). `legalName` is given only where the brand and the lending company
 * differ and the company is well known; platforms that match loans to several funders (助贷) have none.
 * `key` is stable: seeding is idempotent by it.
 */
export type BuiltinLender = { key: string; name: string; legalName?: string; licenceType: LicenceType };

export const BUILTIN_LENDERS: readonly BuiltinLender[] = [
  // Banks (credit cards and personal loans)
  { key: "icbc", name: "中国工商银行", licenceType: "bank" },
  { key: "ccb", name: "中国建设银行", licenceType: "bank" },
  { key: "abc", name: "中国农业银行", licenceType: "bank" },
  { key: "boc", name: "中国银行", licenceType: "bank" },
  { key: "bocom", name: "交通银行", licenceType: "bank" },
  { key: "psbc", name: "中国邮政储蓄银行", licenceType: "bank" },
  { key: "cmb", name: "招商银行", licenceType: "bank" },
  { key: "citic", name: "中信银行", licenceType: "bank" },
  { key: "spdb", name: "浦发银行", legalName: "上海浦东发展银行", licenceType: "bank" },
  { key: "cib", name: "兴业银行", licenceType: "bank" },
  { key: "cmbc", name: "民生银行", legalName: "中国民生银行", licenceType: "bank" },
  { key: "ceb", name: "光大银行", legalName: "中国光大银行", licenceType: "bank" },
  { key: "pingan", name: "平安银行", licenceType: "bank" },
  { key: "cgb", name: "广发银行", licenceType: "bank" },
  { key: "hxb", name: "华夏银行", licenceType: "bank" },
  { key: "weilidai", name: "微粒贷", legalName: "深圳前海微众银行", licenceType: "bank" },
  { key: "mybank", name: "网商银行", legalName: "浙江网商银行", licenceType: "bank" },
  // Consumer finance companies
  { key: "huabei-jiebei", name: "蚂蚁花呗/借呗", legalName: "重庆蚂蚁消费金融有限公司", licenceType: "consumer-finance" },
  { key: "mashang", name: "马上消费金融", legalName: "马上消费金融股份有限公司", licenceType: "consumer-finance" },
  { key: "anyihua", name: "安逸花", legalName: "马上消费金融股份有限公司", licenceType: "consumer-finance" },
  { key: "zhaolian", name: "招联消费金融", legalName: "招联消费金融股份有限公司", licenceType: "consumer-finance" },
  { key: "homecredit", name: "捷信消费金融", legalName: "捷信消费金融有限公司", licenceType: "consumer-finance" },
  { key: "bocfc", name: "中银消费金融", legalName: "中银消费金融有限公司", licenceType: "consumer-finance" },
  { key: "xyxf", name: "兴业消费金融", legalName: "兴业消费金融股份公司", licenceType: "consumer-finance" },
  { key: "youcash", name: "中邮消费金融", legalName: "中邮消费金融有限公司", licenceType: "consumer-finance" },
  // Microloan companies
  { key: "duxiaoman", name: "度小满", legalName: "重庆度小满小额贷款有限公司", licenceType: "microloan" },
  // Loan-facilitation platforms (助贷: the loans come from partner banks and other funders)
  { key: "jd-jintiao", name: "京东金条", licenceType: "loan-facilitation" },
  { key: "meituan", name: "美团月付/借钱", licenceType: "loan-facilitation" },
  { key: "360-jietiao", name: "360借条", licenceType: "loan-facilitation" },
  { key: "fenqile", name: "分期乐", licenceType: "loan-facilitation" },
  { key: "paipaidai", name: "拍拍贷", licenceType: "loan-facilitation" },
];
