/**
 * The one token decision: may this caller get a token for this profile, and which one — the stored session, a
 * refreshed one, one from the workload's identity, or a sign-in — with the administrator's policy applied on every
 * path. {@link dev.cliauth.core.flow.token.GetToken} is the use case every front end calls;
 * {@link dev.cliauth.core.flow.token.TokenRule} is its pure first step, which {@code cliauth token}'s fast path
 * follows too.
 */
package dev.cliauth.core.flow.token;
