import type { Payload } from "@lucent/protocol";
import type { Commands } from "../view/commands.ts";
import type { InputPayload, KeyPayload, SubmitPayload } from "../view/events.ts";
import type { AttributeValue, ClassValue, EventProp, StyleValue } from "../view/h.ts";
import type { Child } from "../view/node.ts";

// In TSX the message type of handlers is not inferred (TypeScript gives every JSX expression the
// one type JSX.Element); handlers accept any message, and `view`'s declared return type is where
// an app's message type is fixed. The builder API (`h`) infers it end to end.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyMsg = any;

/** Event props with the payload each event carries. */
export interface EventAttributes {
  onClick?: EventProp<AnyMsg, Payload>;
  onDblClick?: EventProp<AnyMsg, Payload>;
  onMouseDown?: EventProp<AnyMsg, Payload>;
  onMouseUp?: EventProp<AnyMsg, Payload>;
  onMouseEnter?: EventProp<AnyMsg, Payload>;
  onMouseLeave?: EventProp<AnyMsg, Payload>;
  onInput?: EventProp<AnyMsg, InputPayload>;
  onChange?: EventProp<AnyMsg, InputPayload>;
  onSubmit?: EventProp<AnyMsg, SubmitPayload>;
  onKeyDown?: EventProp<AnyMsg, KeyPayload>;
  onKeyUp?: EventProp<AnyMsg, KeyPayload>;
  onFocus?: EventProp<AnyMsg, Payload>;
  onBlur?: EventProp<AnyMsg, Payload>;
  onScroll?: EventProp<AnyMsg, Payload>;
  [custom: `on:${string}`]: EventProp<AnyMsg, Payload>;
  [commands: `js:${string}`]: Commands;
}

/** Attributes every element accepts. */
export interface HtmlAttributes extends EventAttributes {
  key?: string | number;
  children?: Child<AnyMsg>;
  /** Trusted HTML content, inserted without escaping; excludes children. */
  innerHTML?: string;
  class?: ClassValue;
  style?: StyleValue;
  id?: string;
  title?: string;
  hidden?: boolean;
  tabindex?: number | string;
  role?: string;
  lang?: string;
  dir?: "ltr" | "rtl" | "auto";
  draggable?: boolean | "true" | "false";
  [data: `data-${string}`]: AttributeValue;
  [aria: `aria-${string}`]: AttributeValue;
}

export interface InputAttributes extends HtmlAttributes {
  type?: string;
  name?: string;
  value?: string | number;
  checked?: boolean;
  disabled?: boolean;
  placeholder?: string;
  required?: boolean;
  readonly?: boolean;
  autofocus?: boolean;
  autocomplete?: string;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  maxlength?: number;
  pattern?: string;
  multiple?: boolean;
  form?: string;
}

export interface AnchorAttributes extends HtmlAttributes {
  href?: string;
  target?: string;
  rel?: string;
  download?: string | boolean;
}

export interface FormAttributes extends HtmlAttributes {
  action?: string;
  method?: string;
  novalidate?: boolean;
  name?: string;
}

export interface ButtonAttributes extends HtmlAttributes {
  type?: "button" | "submit" | "reset";
  name?: string;
  value?: string;
  disabled?: boolean;
  form?: string;
}

export interface SelectAttributes extends HtmlAttributes {
  name?: string;
  value?: string;
  multiple?: boolean;
  disabled?: boolean;
  required?: boolean;
  size?: number;
}

export interface OptionAttributes extends HtmlAttributes {
  value?: string | number;
  selected?: boolean;
  disabled?: boolean;
  label?: string;
}

export interface TextareaAttributes extends HtmlAttributes {
  name?: string;
  value?: string;
  rows?: number;
  cols?: number;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  maxlength?: number;
}

export interface LabelAttributes extends HtmlAttributes {
  for?: string;
}

export interface ImageAttributes extends HtmlAttributes {
  src?: string;
  alt?: string;
  width?: number | string;
  height?: number | string;
  loading?: "eager" | "lazy";
}

/** SVG elements take any attribute (their names are case-sensitive and many). */
export interface SvgAttributes extends HtmlAttributes {
  [name: string]:
    | AttributeValue
    | EventProp<AnyMsg, Payload>
    | Child<AnyMsg>
    | ClassValue
    | StyleValue;
}

export interface IntrinsicElements {
  a: AnchorAttributes;
  button: ButtonAttributes;
  form: FormAttributes;
  img: ImageAttributes;
  input: InputAttributes;
  label: LabelAttributes;
  option: OptionAttributes;
  select: SelectAttributes;
  textarea: TextareaAttributes;
  svg: SvgAttributes;
  [tag: string]: HtmlAttributes | SvgAttributes;
}
