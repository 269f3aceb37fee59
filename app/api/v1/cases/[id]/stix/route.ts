import { apiRoute } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { exportCaseStix } from "@/lib/stix/case-stix-bundle";

type Params = { id: string };

/** The case's accounts, links and findings as a STIX 2.1 bundle, marked with the chosen TLP (decision 0022). */
export const GET = apiRoute<Params>(async (req, ctx, { id }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const { bundle, caseNumber, tlp } = await exportCaseStix(ctx, id, query);
  const filename = `${caseNumber}-stix-tlp-${tlp.toLowerCase()}.json`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(JSON.stringify(bundle, null, 2), {
    status: 200,
    headers: {
      "content-type": "application/stix+json;version=2.1",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
