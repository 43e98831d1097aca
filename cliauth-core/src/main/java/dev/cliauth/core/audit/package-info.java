/**
 * The audit trail an administrator asks for with {@code audit_log}: what cliauth decided and how each login ended,
 * one JSON object per line, never a token, code, verifier or secret.
 */
package dev.cliauth.core.audit;
