/**
 * Authorization Code with PKCE for native apps (RFC 7636, RFC 8252): the browser signs the person in and the code
 * comes back to a listener on 127.0.0.1, on a port the operating system picks.
 */
package dev.cliauth.core.flow.pkce;
