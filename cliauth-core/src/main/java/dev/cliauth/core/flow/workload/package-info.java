/**
 * Workload identity for CI and automation: tokens from the workload's own identity, never a browser. Client
 * credentials (RFC 6749 §4.4) with a secret or a private key JWT (RFC 7523 §2.2), token exchange (RFC 8693) and the
 * JWT bearer grant (RFC 7523 §2.1) with the platform's OIDC token, read from an explicit, ordered list of sources.
 */
package dev.cliauth.core.flow.workload;
