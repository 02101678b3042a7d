import { ZSendMessage, ZThread, ZThreadRef } from "@/server/schemas/messages";
import { markThreadRead, sendMessage, threadOf, unreadThreads } from "@/server/services/messages";
import { permitted, router } from "../init";

/** The thread between a client and her file's staff (a file goes with POST /api/messages). */
export const messageRouter = router({
  thread: permitted("message.read")
    .input(ZThread)
    .query(({ ctx, input }) => threadOf(ctx.actor, input)),
  send: permitted("message.send")
    .input(ZSendMessage)
    .mutation(({ ctx, input }) => sendMessage(ctx.actor, input)),
  markRead: permitted("message.read")
    .input(ZThreadRef)
    .mutation(({ ctx, input }) => markThreadRead(ctx.actor, input)),
  unreadThreads: permitted("message.listUnread").query(({ ctx }) => unreadThreads(ctx.actor)),
});
