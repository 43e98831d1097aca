/** Private, atomic files (the only code here that writes to disk: tokens and profiles), and reading cliauth's own JSON. */
package dev.cliauth.core.io;
