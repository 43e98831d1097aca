/**
 * Thin adapters over the Nimbus OAuth 2.0 / OpenID Connect SDK: discovery, the token endpoint, ID token validation.
 * Nimbus does the protocol parsing; this package adds the checks and messages cliauth needs.
 */
package dev.cliauth.core.oauth;
