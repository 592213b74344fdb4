export { type Codec, codecFor, decodeJoinFrame } from "./codec.ts";
export { COMMAND_ARITY, COMMAND_ATTRIBUTE_PREFIX, type Command } from "./commands.ts";
export {
  type Decoded,
  type DecodeError,
  type DecodeErrorCode,
  decoded,
  decodeError,
} from "./errors.ts";
export { parseJson } from "./json.ts";
export {
  DEFAULT_LIMITS,
  type Limits,
  MIN_FRAME_BYTES,
  MIN_FRAME_LENGTH,
  SERVER_FRAME_LIMITS,
} from "./limits.ts";
export {
  type AckMessage,
  AckStatus,
  type AckStatusCode,
  type AttributeMessage,
  type BatchMessage,
  type CastMessage,
  type ClientMessage,
  CloseCode,
  type EmitMessage,
  ErrorCode,
  type ErrorCodeValue,
  type ErrorMessage,
  type EventMessage,
  type JoinMessage,
  type Json,
  type MountMessage,
  type NavigatedMessage,
  type NavigateMessage,
  type PatchMessage,
  type Payload,
  type ResyncMessage,
  type ServerMessage,
  type TitleMessage,
} from "./messages.ts";
export { OP_ARITY, Op, type OpCode, type Patch, type PatchToken, type Path } from "./patch.ts";
export { PROTOCOL_VERSION, SUPPORTED_VERSIONS } from "./version.ts";
export {
  type BindingOptions,
  EVENT_ATTRIBUTE_PREFIX,
  type EventBinding,
  fillTemplate,
  formatBinding,
  parseBinding,
  type WireAttributes,
  type WireChild,
  type WireElement,
  type WireNode,
  type WireRawHtml,
  type WireRows,
  type WireTemplate,
} from "./vnode.ts";
