/** False for strings with an unpaired UTF-16 surrogate (JSON can carry "\ud800"). */
export function isWellFormedText(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** An id from a URL worth looking up: short, proper text, no control characters. */
export function isPlausibleId(id: string): boolean {
  return id.length > 0 && id.length <= 100 && isWellFormedText(id) && !/[\u0000-\u001f\u007f]/.test(id);
}

/** Text a person could have typed on one line: well formed, no control characters (NUL among them). */
export function isPlainLine(s: string): boolean {
  return isWellFormedText(s) && !/[\u0000-\u001f\u007f-\u009f]/.test(s);
}
