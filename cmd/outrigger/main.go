// Command outrigger runs the Outrigger sidecar (`outrigger run`) and talks to a
// running one (config, lock, services, members, health).
package main

import (
	"fmt"
	"os"
)

const usage = `outrigger: a local API for etcd beside every app instance.

Usage:
  outrigger run [flags]                 run the sidecar (an embedded etcd member and the API)
  outrigger config get|put|ls|rm|watch  read and change configuration
  outrigger lock NAME [flags] -- CMD    run CMD while holding the lock NAME
  outrigger services [SERVICE]          list services, or the instances of one
  outrigger members                     show the cluster's members
  outrigger health                      exit 0 when the local sidecar is ready, else 1
  outrigger version                     print the versions

Run 'outrigger COMMAND -h' for a command's flags. Every flag can also be set in
the environment as OUTRIGGER_<FLAG> (--data-dir: OUTRIGGER_DATA_DIR).
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	commands := map[string]func([]string) int{
		"run":      runCommand,
		"config":   configCommand,
		"lock":     lockCommand,
		"services": servicesCommand,
		"members":  membersCommand,
		"health":   healthCommand,
		"version":  versionCommand,
	}
	cmd, ok := commands[os.Args[1]]
	if !ok {
		if os.Args[1] != "-h" && os.Args[1] != "--help" && os.Args[1] != "help" {
			fmt.Fprintf(os.Stderr, "outrigger: unknown command %q\n\n", os.Args[1])
		}
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	os.Exit(cmd(os.Args[2:]))
}
