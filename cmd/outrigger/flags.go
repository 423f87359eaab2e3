package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
)

// newFlags makes a flag set for a command that reports errors instead of exiting.
func newFlags(name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: outrigger %s %s\n\nFlags (also OUTRIGGER_<FLAG> in the environment):\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, then sets every flag not given on the command line from
// the environment variable OUTRIGGER_<FLAG> when that is set.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		env := "OUTRIGGER_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(env); ok && !given[f.Name] && err == nil {
			if serr := fs.Set(f.Name, v); serr != nil {
				err = fmt.Errorf("%s=%q: %w", env, v, serr)
			}
		}
	})
	return err
}

// flagGiven reports whether a flag was set on the command line or in the
// environment (parseFlags sets those from the environment, so Visit sees both).
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// parseInterleaved parses flags that may stand before, between or after the
// positional arguments, and returns the positional ones. Everything after "--"
// is positional, as is.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, rest = args[:i], args[i+1:]
	}
	var positional []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(positional, rest...), nil
		}
		positional, args = append(positional, args[0]), args[1:]
	}
}
