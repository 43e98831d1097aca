/**
 * cliauth's core library: sign people and workloads into OAuth 2.0 / OpenID Connect providers.
 * No command-line parsing, no {@code System.exit}, no static state; side effects come in through constructors.
 */
package dev.cliauth.core;
