/** The compiled addon (src/sendfile.c), or null where it was not built. */
declare const addon: {
  /** Sends `length` bytes of `fileFd` from `offset` to the socket `socketFd` (both duplicated first)
   *  on a thread of its own; resolves with the bytes sent (fewer if the file ended first). Rejects
   *  with an Error whose `code` is the errno name and `bytesSent` how far it got; ECANCELED once
   *  `cancel[0]` is set non-zero, ETIMEDOUT after two minutes without progress. */
  send(socketFd: number, fileFd: number, offset: number, length: number, cancel: Int32Array): Promise<number>;
} | null;
export = addon;
