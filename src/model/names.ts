/** Names as the API server accepts them. */

/** An RFC 1123 label (a namespace's or a container's name): lower-case letters, digits and inner dashes. */
export const DNS_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
export const DNS_LABEL_MAX_LENGTH = 63;

const DNS_LABEL = new RegExp(DNS_LABEL_PATTERN);

export function isDnsLabel(text: string): boolean {
  return text.length <= DNS_LABEL_MAX_LENGTH && DNS_LABEL.test(text);
}
