// Inputs of the distillation views: the drill-down's account and page.
import { z } from "zod";
import { ZPageQuery } from "@/lib/validation";

export const SAMPLE_PAGE_SIZE = 25;

/** `account` (an Account id) and the page of its log lines (pageSize at most 200, default 25). */
export const ZSampleLinesQuery = ZPageQuery.extend({
  account: z.string().trim().min(1, "is required").max(200),
  pageSize: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(200, "must be at most 200").default(SAMPLE_PAGE_SIZE)),
});
export type TSampleLinesQuery = z.infer<typeof ZSampleLinesQuery>;

/** An account page's drill-down: only the page. */
export const ZAccountSampleQuery = ZSampleLinesQuery.omit({ account: true });
