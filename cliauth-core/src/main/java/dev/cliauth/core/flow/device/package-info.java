/**
 * The Device Authorization Grant (RFC 8628) for places without a local browser: the person approves a short code
 * on another device while the CLI polls the token endpoint. Where a provider forbids it, the outcome says so and
 * the caller falls back to the browser login.
 */
package dev.cliauth.core.flow.device;
