import htm from "htm";
import { h, type VNode } from "preact";

/** JSX-like templates without a compile step: htm bound to Preact's `h`. */
export const html = htm.bind(h) as (strings: TemplateStringsArray, ...values: unknown[]) => VNode;
