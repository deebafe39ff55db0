// Tests read response bodies loosely and assert on them; the shapes are checked by expect() and Ajv.
declare global {
  interface Response {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    json(): Promise<any>;
  }
}
export {};
