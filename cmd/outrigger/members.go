package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
)

func membersCommand(args []string) int {
	fs := newFlags("members", "[flags]")
	cf := addClientFlags(fs)
	if _, err := parseInterleaved(fs, args); err != nil {
		return 2
	}
	conn, ctx, err := cf.dial()
	if err != nil {
		return fail("members", err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(ctx, *cf.timeout)
	defer cancel()
	st, err := pb.NewClusterServiceClient(conn).Status(ctx, &pb.ClusterStatusRequest{})
	if err != nil {
		return fail("members", err)
	}
	if cf.json() {
		printJSON(os.Stdout, st)
		return 0
	}
	fmt.Printf("this sidecar: %s (%s), revision %d, raft term %d, etcd %s\n", st.Name, st.Role, st.Revision, st.RaftTerm, st.Version)
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tROLE\tLEADER\tHEALTHY\tPEER URLS\tCLIENT URLS")
	for _, m := range st.Members {
		role := "voter"
		if m.Learner {
			role = "learner"
		}
		fmt.Fprintf(w, "%x\t%s\t%s\t%t\t%t\t%s\t%s\n", m.Id, m.Name, role, m.Leader, m.Healthy,
			strings.Join(m.PeerUrls, ","), strings.Join(m.ClientUrls, ","))
	}
	w.Flush()
	return 0
}
