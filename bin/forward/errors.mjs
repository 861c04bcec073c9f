// A stop the person running the forwarder has to act on (a refused token, a damaged state file):
// the command prints its message and exits with code 2 instead of retrying.
export class ForwardError extends Error {}
