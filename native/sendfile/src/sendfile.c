// Zero-copy transfer of a file's bytes to a socket: sendfile(2) on a thread of its own, so the
// event loop neither copies the bytes (the kernel hands page-cache pages to the socket) nor waits:
// a slow client blocks this thread in poll(2), never Node's. Used by the case file export for the
// evidence files (lib/storage/zero-copy-send.ts is its one importer; decision 0031).
//
//   send(socketFd, fileFd, offset, length, cancel: Int32Array, prefix: Buffer, suffix: Buffer)
//     -> Promise<number>
//
// The thread writes `prefix`, then the file's bytes, then `suffix` (only once every byte of the
// file went out): the HTTP/1.1 chunk framing, so that nothing reaches the socket unless the thread
// started. Starting is synchronous: a failure to duplicate the descriptors or to start the thread
// throws (code EMFILE, EAGAIN, ...) with nothing written, and the caller can still copy instead.
// Both descriptors are duplicated, so whatever Node does with its own (closing the socket, reusing
// the number) never makes this thread write into another file. The promise resolves with the file
// bytes sent: `length`, or fewer if the file ended first (then the suffix is not written); it
// rejects with an Error whose `code` is the errno name (EPIPE or ECONNRESET when the client left,
// ECANCELED once cancel[0] is set non-zero) and whose `bytesSent` tells how far it got. A client
// that stops reading holds its thread until it reads again, leaves, or the caller cancels, as a
// stalled write holds a socket in Node; the caller caps how many transfers run at once.
//
// Lifetime: each transfer registers an environment clean-up hook after its thread-safe function,
// so if the JS environment is torn down mid-transfer (a worker thread terminated, the process
// exiting) the hook cancels the transfer and joins its thread before the function, the cancel
// flag's memory or this library go away. The library is linked -z nodelete as a second guard.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <node_api.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <unistd.h>

#define POLL_MS 100 /* how often a waiting transfer looks at its cancel flag */
#define MAX_CALL 0x7ffff000L /* sendfile's own limit per call */
#define MAX_FRAME 64 /* prefix and suffix: a chunk header or trailer */

typedef struct {
  int socket_fd;
  int file_fd;
  int64_t offset;
  int64_t length;
  int64_t sent;
  int error; /* errno, 0 when done */
  int32_t *cancel;
  unsigned char prefix[MAX_FRAME], suffix[MAX_FRAME];
  size_t prefix_len, suffix_len;
  pthread_t thread;
  int joined; /* by stop_at_teardown */
  napi_env env;
  napi_ref cancel_ref;
  napi_deferred deferred;
  napi_threadsafe_function done;
} Transfer;

static const char *errno_name(int e) {
  switch (e) {
    case EPIPE: return "EPIPE";
    case ECONNRESET: return "ECONNRESET";
    case ECANCELED: return "ECANCELED";
    case EBADF: return "EBADF";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case EAGAIN: return "EAGAIN";
    case ENOMEM: return "ENOMEM";
    case EINVAL: return "EINVAL";
    case ENOTSOCK: return "ENOTSOCK";
    case ENOTCONN: return "ENOTCONN";
    case ETIMEDOUT: return "ETIMEDOUT";
    case ENOSPC: return "ENOSPC";
    default: return "EIO";
  }
}

static int cancelled(Transfer *t) { return __atomic_load_n(t->cancel, __ATOMIC_ACQUIRE) != 0; }

/* Waits until the socket takes bytes again; 0 to go on, else an errno. */
static int wait_writable(Transfer *t) {
  for (;;) {
    if (cancelled(t)) return ECANCELED;
    struct pollfd p = {.fd = t->socket_fd, .events = POLLOUT, .revents = 0};
    int ready = poll(&p, 1, POLL_MS);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (ready == 0) continue;
    if (p.revents & POLLOUT) return 0;
    return EPIPE; /* POLLERR, POLLHUP or POLLNVAL without POLLOUT */
  }
}

/* Writes all of buf to the socket; 0 or an errno. */
static int write_all(Transfer *t, const unsigned char *buf, size_t len) {
  size_t done = 0;
  while (done < len) {
    if (cancelled(t)) return ECANCELED;
    ssize_t n = write(t->socket_fd, buf + done, len - done);
    if (n > 0) {
      done += (size_t)n;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      int e = wait_writable(t);
      if (e) return e;
      continue;
    }
    return n < 0 ? errno : EPIPE;
  }
  return 0;
}

static void *run(void *arg) {
  Transfer *t = arg;
  off_t offset = (off_t)t->offset;
  t->error = write_all(t, t->prefix, t->prefix_len);
  while (t->error == 0 && t->sent < t->length) {
    if (cancelled(t)) {
      t->error = ECANCELED;
      break;
    }
    int64_t want = t->length - t->sent;
    ssize_t n = sendfile(t->socket_fd, t->file_fd, &offset, (size_t)(want > MAX_CALL ? MAX_CALL : want));
    if (n > 0) {
      t->sent += n;
      continue;
    }
    if (n == 0) break; /* the file ended early: the caller sees sent < length */
    if (errno == EINTR) continue;
    if (errno == EAGAIN) {
      t->error = wait_writable(t);
      continue;
    }
    t->error = errno;
  }
  if (t->error == 0 && t->sent == t->length) t->error = write_all(t, t->suffix, t->suffix_len);
  close(t->socket_fd);
  close(t->file_fd);
  /* settle() frees t, possibly before the call below returns: nothing of t is read after it. */
  napi_threadsafe_function done = t->done;
  napi_call_threadsafe_function(done, t, napi_tsfn_blocking);
  napi_release_threadsafe_function(done, napi_tsfn_release);
  return NULL;
}

/* The environment is going away with the transfer still running: stop it and wait for its thread,
 * which then queues its result; the thread-safe function's own teardown (after this hook) hands it
 * to settle() with env NULL, which frees it. */
static void stop_at_teardown(void *arg) {
  Transfer *t = arg;
  __atomic_store_n(t->cancel, 1, __ATOMIC_RELEASE);
  pthread_join(t->thread, NULL);
  t->joined = 1;
}

/* On the JS thread, once the transfer has ended (env NULL: at teardown, after stop_at_teardown). */
static void settle(napi_env env, napi_value js_callback, void *context, void *data) {
  (void)js_callback;
  (void)context;
  Transfer *t = data;
  if (env != NULL) {
    napi_remove_env_cleanup_hook(env, stop_at_teardown, t);
    if (!t->joined) pthread_join(t->thread, NULL); /* it is returning: only the release is left */
    napi_value sent;
    napi_create_double(env, (double)t->sent, &sent);
    if (t->error == 0) {
      napi_resolve_deferred(env, t->deferred, sent);
    } else {
      napi_value code, message, error;
      napi_create_string_utf8(env, errno_name(t->error), NAPI_AUTO_LENGTH, &code);
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

static napi_value throw_errno(napi_env env, int e) {
  napi_throw_error(env, errno_name(e), strerror(e));
  return NULL;
}

/* Copies a Buffer of at most MAX_FRAME bytes; 0 if it is not one. */
static int frame_of(napi_env env, napi_value value, unsigned char *into, size_t *len) {
  bool is_buffer = false;
  void *data = NULL;
  if (napi_is_buffer(env, value, &is_buffer) != napi_ok || !is_buffer || napi_get_buffer_info(env, value, &data, len) != napi_ok || *len > MAX_FRAME) return 0;
  if (*len > 0) memcpy(into, data, *len);
  return 1;
}

static napi_value send_file(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 7) return throw_type_error(env, "send(socketFd, fileFd, offset, length, cancel, prefix, suffix)");
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
  napi_value cancel_buffer; /* asked for so that V8 gives the array memory of its own, which never moves */
  if (napi_is_typedarray(env, argv[4], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[4], &type, &count, &cancel, &cancel_buffer, NULL) != napi_ok || type != napi_int32_array || count < 1)
    return throw_type_error(env, "cancel must be an Int32Array");

  Transfer *t = calloc(1, sizeof(Transfer));
  if (t == NULL) return throw_errno(env, ENOMEM);
  if (!frame_of(env, argv[5], t->prefix, &t->prefix_len) || !frame_of(env, argv[6], t->suffix, &t->suffix_len)) {
    free(t);
    return throw_type_error(env, "prefix and suffix must be Buffers of at most 64 bytes");
  }
  t->env = env;
  t->offset = offset;
  t->length = length;
  t->cancel = cancel;
  t->socket_fd = fcntl(socket_fd, F_DUPFD_CLOEXEC, 0);
  t->file_fd = t->socket_fd < 0 ? -1 : fcntl(file_fd, F_DUPFD_CLOEXEC, 0);
  if (t->socket_fd < 0 || t->file_fd < 0) {
    int e = errno;
    if (t->socket_fd >= 0) close(t->socket_fd);
    free(t);
    return throw_errno(env, e);
  }
  napi_value name;
  napi_create_string_utf8(env, "lantern-sendfile", NAPI_AUTO_LENGTH, &name);
  if (napi_create_threadsafe_function(env, NULL, NULL, name, 0, 1, NULL, NULL, NULL, settle, &t->done) != napi_ok) {
    close(t->socket_fd);
    close(t->file_fd);
    free(t);
    napi_throw_error(env, "EIO", "could not create the transfer's completion callback");
    return NULL;
  }

  /* The thread blocks every signal: a process-directed signal is never handled on its small stack. */
  sigset_t all, previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024); /* where refused (a larger minimum), the default */
  int started = pthread_create(&t->thread, &attr, run, t);
  pthread_attr_destroy(&attr);
  pthread_sigmask(SIG_SETMASK, &previous, NULL);
  if (started != 0) {
    close(t->socket_fd);
    close(t->file_fd);
    napi_release_threadsafe_function(t->done, napi_tsfn_abort);
    free(t);
    return throw_errno(env, started);
  }
  /* After the thread-safe function's own hook, so it runs first at teardown (hooks run in reverse). */
  napi_add_env_cleanup_hook(env, stop_at_teardown, t);
  napi_value promise;
  napi_create_promise(env, &t->deferred, &promise);
  napi_create_reference(env, argv[4], 1, &t->cancel_ref); /* keeps the flag's memory alive */
  return promise;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "send", NAPI_AUTO_LENGTH, send_file, NULL, &fn);
  napi_set_named_property(env, exports, "send", fn);
  return exports;
}
