/** The protocol version this build speaks natively. */
export const PROTOCOL_VERSION = 2;

/**
 * Every version this build can decode, newest first. A server accepts a client that speaks any of
 * them, so a rolling deploy can run old pages against new servers for one version step.
 */
export const SUPPORTED_VERSIONS: readonly number[] = [2, 1];
