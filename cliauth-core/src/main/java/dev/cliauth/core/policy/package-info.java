/**
 * The administrator's policy (a TOML file) and the flow decision: a pure function of environment, policy, profile
 * and flags that returns the flow with its reasons.
 */
package dev.cliauth.core.policy;
