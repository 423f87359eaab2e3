package main

import (
	"fmt"
	"runtime/debug"

	"go.etcd.io/etcd/api/v3/version"
)

// versionCommand prints the etcd version the binary embeds, and says when its
// etcd server is Outrigger's patched copy (third_party/etcd-server).
func versionCommand([]string) int {
	fmt.Printf("outrigger (etcd %s%s)\n", version.Version, etcdPatchNote())
	return 0
}

// etcdPatchNote says where the patch is explained when the build replaced etcd's
// server module, and is empty otherwise.
func etcdPatchNote() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, dep := range info.Deps {
		if dep.Path == "go.etcd.io/etcd/server/v3" && dep.Replace != nil {
			return ", server patched: see third_party/README.md"
		}
	}
	return ""
}
