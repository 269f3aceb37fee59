// Zero-copy transfer of a file's bytes to a socket: sendfile(2) on a thread of its own, so the
// event loop neither copies the bytes (the kernel hands page-cache pages to the socket) nor waits:
// a slow client blocks this thread in poll(2), never Node's. Used by the case file export for the
// evidence files (lib/storage/zero-copy-send.ts is its one importer; decision 0031).
//
//   send(socketFd, fileFd, offset, length, cancel: Int32Array) -> Promise<number>
//
// Both descriptors are duplicated before the call returns, so whatever Node does with its own
// (closing the socket, reusing the number) never makes this thread write into another file. The
// promise resolves with the bytes sent: `length`, or fewer if the file ended first (the caller
// checks); it rejects with an Error whose `code` is the errno name (EPIPE when the client left,
// ETIMEDOUT after STALL_MS without progress, ECANCELED once cancel[0] is set non-zero) and whose
// `bytesSent` tells how far it got.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <node_api.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <time.h>
#include <unistd.h>

#define STALL_MS 120000 /* no byte taken by the client for this long: give up */
#define POLL_MS 100     /* how often a waiting transfer looks at its cancel flag */
#define MAX_CALL 0x7ffff000L /* sendfile's own limit per call */

typedef struct {
  int socket_fd;
  int file_fd;
  int64_t offset;
  int64_t length;
  int64_t sent;
  int error; /* errno, 0 when done */
  int32_t *cancel;
  napi_ref cancel_ref;
  napi_deferred deferred;
  napi_threadsafe_function done;
} Transfer;

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *run(void *arg) {
  Transfer *t = arg;
  off_t offset = (off_t)t->offset;
  int64_t last_progress = now_ms();
  while (t->sent < t->length) {
    if (__atomic_load_n(t->cancel, __ATOMIC_ACQUIRE) != 0) {
      t->error = ECANCELED;
      break;
    }
    int64_t want = t->length - t->sent;
    ssize_t n = sendfile(t->socket_fd, t->file_fd, &offset, (size_t)(want > MAX_CALL ? MAX_CALL : want));
    if (n > 0) {
      t->sent += n;
      last_progress = now_ms();
      continue;
    }
    if (n == 0) break; /* the file ended early: the caller sees sent < length */
    if (errno == EINTR) continue;
    if (errno != EAGAIN) {
      t->error = errno;
      break;
    }
    /* The socket's buffer is full: wait until the client has taken some of it. */
    struct pollfd p = {.fd = t->socket_fd, .events = POLLOUT, .revents = 0};
    int ready = poll(&p, 1, POLL_MS);
    if (ready < 0 && errno != EINTR) {
      t->error = errno;
      break;
    }
    if (ready > 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL)) && !(p.revents & POLLOUT)) {
      t->error = EPIPE;
      break;
    }
    if (ready == 0 && now_ms() - last_progress > STALL_MS) {
      t->error = ETIMEDOUT;
      break;
    }
  }
  close(t->socket_fd);
  close(t->file_fd);
  /* settle() frees t, possibly before the call below returns: nothing of t is read after it. */
  napi_threadsafe_function done = t->done;
  napi_call_threadsafe_function(done, t, napi_tsfn_blocking);
  napi_release_threadsafe_function(done, napi_tsfn_release);
  return NULL;
}

/* On the JS thread, once the transfer has ended: settle the promise, free the transfer. */
static void settle(napi_env env, napi_value js_callback, void *context, void *data) {
  (void)js_callback;
  (void)context;
  Transfer *t = data;
  if (env != NULL) {
    napi_value sent;
    napi_create_double(env, (double)t->sent, &sent);
    if (t->error == 0) {
      napi_resolve_deferred(env, t->deferred, sent);
    } else {
      const char *name = strerrorname_np(t->error);
      napi_value code, message, error;
      napi_create_string_utf8(env, name ? name : "EIO", NAPI_AUTO_LENGTH, &code);
      napi_create_string_utf8(env, strerror(t->error), NAPI_AUTO_LENGTH, &message);
      napi_create_error(env, code, message, &error);
      napi_set_named_property(env, error, "bytesSent", sent);
      napi_reject_deferred(env, t->deferred, error);
    }
    napi_delete_reference(env, t->cancel_ref);
  }
  free(t);
}

static napi_value throw_type_error(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

static napi_value send_file(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 5) return throw_type_error(env, "send(socketFd, fileFd, offset, length, cancel)");
  int32_t socket_fd, file_fd;
  int64_t offset, length;
  if (napi_get_value_int32(env, argv[0], &socket_fd) != napi_ok || napi_get_value_int32(env, argv[1], &file_fd) != napi_ok ||
      napi_get_value_int64(env, argv[2], &offset) != napi_ok || napi_get_value_int64(env, argv[3], &length) != napi_ok)
    return throw_type_error(env, "socketFd, fileFd, offset and length must be numbers");
  if (socket_fd < 0 || file_fd < 0 || offset < 0 || length < 0) return throw_type_error(env, "descriptors, offset and length must not be negative");
  bool is_typed = false;
  napi_typedarray_type type;
  size_t count = 0;
  void *cancel = NULL;
  if (napi_is_typedarray(env, argv[4], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[4], &type, &count, &cancel, NULL, NULL) != napi_ok || type != napi_int32_array || count < 1)
    return throw_type_error(env, "cancel must be an Int32Array of at least one element");

  Transfer *t = calloc(1, sizeof(Transfer));
  if (t == NULL) {
    napi_throw_error(env, "ENOMEM", "out of memory");
    return NULL;
  }
  t->offset = offset;
  t->length = length;
  t->cancel = cancel;
  t->socket_fd = fcntl(socket_fd, F_DUPFD_CLOEXEC, 0);
  t->file_fd = t->socket_fd < 0 ? -1 : fcntl(file_fd, F_DUPFD_CLOEXEC, 0);
  if (t->socket_fd < 0 || t->file_fd < 0) {
    int e = errno;
    if (t->socket_fd >= 0) close(t->socket_fd);
    free(t);
    napi_throw_error(env, strerrorname_np(e), strerror(e));
    return NULL;
  }
  napi_value promise, name;
  napi_create_promise(env, &t->deferred, &promise);
  napi_create_reference(env, argv[4], 1, &t->cancel_ref); /* keeps the flag's memory alive */
  napi_create_string_utf8(env, "lantern-sendfile", NAPI_AUTO_LENGTH, &name);
  napi_create_threadsafe_function(env, NULL, NULL, name, 0, 1, NULL, NULL, NULL, settle, &t->done);

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  pthread_t thread;
  int started = pthread_create(&thread, &attr, run, t);
  pthread_attr_destroy(&attr);
  if (started != 0) {
    t->error = started;
    close(t->socket_fd);
    close(t->file_fd);
    napi_release_threadsafe_function(t->done, napi_tsfn_release);
    settle(env, NULL, NULL, t);
  }
  return promise;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "send", NAPI_AUTO_LENGTH, send_file, NULL, &fn);
  napi_set_named_property(env, exports, "send", fn);
  return exports;
}
