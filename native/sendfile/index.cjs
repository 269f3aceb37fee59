// The compiled addon, or null where it was not built (not Linux, no compiler at install): callers
// then copy the bytes themselves (lib/storage/zero-copy-send.ts).
"use strict";
let addon = null;
try {
  addon = require("./build/Release/lantern_sendfile.node");
} catch {
  addon = null;
}
module.exports = addon;
