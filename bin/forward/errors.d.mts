// Types for the tests that import the forwarder's plain-JavaScript modules.
export class ForwardError extends Error {}
