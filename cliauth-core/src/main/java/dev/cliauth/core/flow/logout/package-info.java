/** Ending sessions: revoke the refresh token at the provider (RFC 7009), then forget the session locally. */
package dev.cliauth.core.flow.logout;
