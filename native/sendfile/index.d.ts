/** The compiled addon (src/sendfile.c), or null where it was not built. */
declare const addon: {
  /** Writes `prefix`, then `length` bytes of `fileFd` from `offset`, then `suffix` (only if every
   *  file byte went out) to the socket `socketFd` (both descriptors duplicated first) on a thread of
   *  its own; resolves with the file bytes sent (fewer if the file ended first). Throws at once, with
   *  nothing written, when it cannot start (code EMFILE, EAGAIN, ...). Rejects with an Error whose
   *  `code` is the errno name and `bytesSent` how far it got; ECANCELED once `cancel[0]` is set
   *  non-zero. `prefix` and `suffix`: at most 64 bytes each. */
  send(socketFd: number, fileFd: number, offset: number, length: number, cancel: Int32Array, prefix: Buffer, suffix: Buffer): Promise<number>;
} | null;
export = addon;
