/** Where cliauth runs: environment variables and a few files turned into an immutable {@link dev.cliauth.core.env.Environment}. */
package dev.cliauth.core.env;
