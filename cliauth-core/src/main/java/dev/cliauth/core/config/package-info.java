/** Where cliauth keeps things (XDG directories) and the user's profiles: issuer, client and login preferences. */
package dev.cliauth.core.config;
