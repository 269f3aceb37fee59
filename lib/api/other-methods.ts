// The methods a REST route does not serve. Next answers them 405 with an empty body (and its own
// OPTIONS lists every exported method); every route instead ends with
//   export const { PUT, DELETE, OPTIONS } = otherMethods({ GET, POST });
// so each unserved method answers 405 in the API's error shape with an Allow header, and OPTIONS
// answers 204 with the same Allow. Before authentication: which methods a path takes is public.
// (openapi.test.ts checks that every route file does this.)
import { randomUUID } from "node:crypto";
import { allowedMethods, errorResponse, methodNotAllowed } from "@/lib/api/api-handler";
import { AppError } from "@/lib/errors";

export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof ROUTE_METHODS)[number];
type Served = Partial<Record<Method, unknown>>;
// HEAD: Next answers it with GET when there is a GET; otherwise it is one more unserved method.
type Unserved<T extends Served> = Exclude<Method, keyof T> | ("GET" extends keyof T ? never : "HEAD") | "OPTIONS";

export function otherMethods<T extends Served>(served: T): Record<Unserved<T>, (req: Request) => Response> {
  const allow = allowedMethods(Object.keys(served)).join(", ");
  const refuse = (req: Request) => methodNotAllowed(req.method, Object.keys(served));
  const handlers: Record<string, (req: Request) => Response> = {
    OPTIONS: () => new Response(null, { status: 204, headers: { allow } }),
  };
  for (const m of ROUTE_METHODS) if (!(m in served)) handlers[m] = refuse;
  if (!("GET" in served)) handlers.HEAD = refuse;
  return handlers as Record<Unserved<T>, (req: Request) => Response>;
}

/** Every method of a path that no route serves: 404 in the error shape (app/api/v1/[...path]). */
export function unknownApiPath(): Record<Method | "HEAD" | "OPTIONS", (req: Request) => Response> {
  const notFound = () => errorResponse(new AppError("NOT_FOUND", "There is no such API route; see /api/v1/openapi.json"), randomUUID());
  return { GET: notFound, HEAD: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound };
}
