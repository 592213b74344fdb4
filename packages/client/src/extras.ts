// The second module of the browser runtime, `lucent-extras.min.js`: what only some pages use.
// The core (`lucent-view.min.js`) imports it from its own directory when a view first needs it
// (see lazy.ts); the package entry includes it from the start. One object rather than named
// exports, so that the bundle can shorten its member names as it does other internal ones.
import { reapplyCommands, runCommands } from "./commands.ts";
import { recoverForms } from "./form-recovery.ts";
import { createHooks } from "./hooks.ts";

const extras: {
  reapplyCommands: typeof reapplyCommands;
  runCommands: typeof runCommands;
  recoverForms: typeof recoverForms;
  createHooks: typeof createHooks;
} = { reapplyCommands, runCommands, recoverForms, createHooks };

export default extras;
