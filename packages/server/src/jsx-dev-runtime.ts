import { jsx } from "./jsx-runtime.ts";

export { Fragment, type JSX, jsx, jsxs } from "./jsx-runtime.ts";

/** The development JSX runtime; the extra arguments (source location) are not used. */
export const jsxDEV: typeof jsx = jsx;
