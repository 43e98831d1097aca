/**
 * Signing in to a protected resource (an API, an MCP server) with nothing registered: its metadata names its
 * authorization server (RFC 9728), the server's metadata says how to register (RFC 8414, RFC 7591), and every token
 * request names the resource (RFC 8707). Discovery ({@link dev.cliauth.core.flow.resource.ResourceDiscovery}) only
 * reads; {@link dev.cliauth.core.flow.resource.ResourceLogin} registers and signs in through the normal login.
 */
package dev.cliauth.core.flow.resource;
