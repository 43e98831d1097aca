package dev.cliauth.cli;

import dev.cliauth.core.Problem;

/**
 * The core's reasons ({@link Problem}) in the command's own words: what to run next, with its flags. The library words
 * the same values with its builder instead; the core names neither.
 */
final class ProblemWording {
    private ProblemWording() {
    }

    static String describe(Problem problem) {
        String login = "'cliauth login --profile " + problem.profile() + "'";
        if (problem instanceof Problem.PolicyRefused || problem instanceof Problem.BearerOnly) {
            return problem.message(); // names the file and the setting, or the profile to use instead
        }
        if (problem instanceof Problem.NoIdToken) {
            return sentence(problem.message()) + " (kube-credential: --token-type access; token: without --id-token).";
        }
        if (problem instanceof Problem.OtherProvider) {
            return sentence(problem.message()) + "; run " + login + " to sign in there.";
        }
        if (problem instanceof Problem.NotBound) {
            return sentence(problem.message()) + "; run " + login + " to sign in again with a key.";
        }
        return sentence(problem.message()) + "; run " + login + "."; // not signed in, ended, expired
    }

    private static String sentence(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
