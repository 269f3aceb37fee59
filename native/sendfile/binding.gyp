{
  "targets": [
    {
      "target_name": "lantern_sendfile",
      "conditions": [["OS=='linux'", { "sources": ["src/sendfile.c"] }]],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Werror"],
      "defines": ["NAPI_VERSION=8"],
      "libraries": ["-lpthread"],
      "ldflags": ["-Wl,-z,nodelete"]
    }
  ]
}
