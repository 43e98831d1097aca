/** Private, atomic files: the only code here that writes to disk (tokens and profiles). */
package dev.cliauth.core.io;
