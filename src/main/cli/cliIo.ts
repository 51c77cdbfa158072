/** Where a command writes: the process's streams in use, buffers in tests. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}
