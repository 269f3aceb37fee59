// Any /api/v1 path that no route serves: 404 in the API's error shape, for every method (instead of
// Next's HTML page). Every real route, static or dynamic, is more specific and wins over this one.
import { unknownApiPath } from "@/lib/api/other-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = unknownApiPath();
