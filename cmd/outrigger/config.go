package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
)

const configUsage = `Usage:
  outrigger config get KEY [--revision R]
  outrigger config put KEY VALUE [--if-revision N]
  outrigger config ls [PREFIX]
  outrigger config rm KEY [--prefix]
  outrigger config watch [PREFIX] [--start-revision R]
`

func configCommand(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, configUsage)
		return 2
	}
	sub, args := args[0], args[1:]
	fs := newFlags("config "+sub, "ARGS [flags]")
	cf := addClientFlags(fs)
	revision := fs.Int64("revision", 0, "get: read at this revision")
	ifRevision := fs.Int64("if-revision", -1, "put: write only if the key's modRevision is this (0: create only)")
	prefix := fs.Bool("prefix", false, "rm: delete every key starting with KEY")
	startRevision := fs.Int64("start-revision", 0, "watch: first revision to show")
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	conn, ctx, err := cf.dial()
	if err != nil {
		return fail("config", err)
	}
	defer conn.Close()
	client := pb.NewConfigServiceClient(conn)
	want := map[string][2]int{"get": {1, 1}, "put": {2, 2}, "ls": {0, 1}, "rm": {1, 1}, "watch": {0, 1}}
	n, ok := want[sub]
	if !ok || len(positional) < n[0] || len(positional) > n[1] {
		fmt.Fprint(os.Stderr, configUsage)
		return 2
	}
	arg := func(i int) string {
		if i < len(positional) {
			return positional[i]
		}
		return ""
	}
	call, cancel := context.WithTimeout(ctx, *cf.timeout)
	defer cancel()
	switch sub {
	case "get":
		e, err := client.Get(call, &pb.GetConfigRequest{Key: arg(0), Revision: *revision})
		if err != nil {
			return fail("config get", err)
		}
		if cf.json() {
			printJSON(os.Stdout, e)
		} else {
			fmt.Println(e.Value)
		}
	case "put":
		req := &pb.PutConfigRequest{Key: arg(0), Value: arg(1)}
		if *ifRevision >= 0 {
			req.IfRevision = ifRevision
		}
		e, err := client.Put(call, req)
		if err != nil {
			return fail("config put", err)
		}
		if cf.json() {
			printJSON(os.Stdout, e)
		} else {
			fmt.Printf("%s = %s (modRevision %d)\n", e.Key, e.Value, e.ModRevision)
		}
	case "ls":
		return listConfig(call, client, arg(0), cf.json())
	case "rm":
		resp, err := client.Delete(call, &pb.DeleteConfigRequest{Key: arg(0), Prefix: *prefix})
		if err != nil {
			return fail("config rm", err)
		}
		if cf.json() {
			printJSON(os.Stdout, resp)
		} else {
			fmt.Printf("deleted %d (revision %d)\n", resp.Deleted, resp.Revision)
		}
	case "watch":
		cancel()
		return watchConfig(ctx, client, arg(0), *startRevision, cf.json())
	}
	return 0
}

func listConfig(ctx context.Context, client pb.ConfigServiceClient, prefix string, asJSON bool) int {
	req := &pb.ListConfigRequest{Prefix: prefix, Limit: 1000}
	for {
		page, err := client.List(ctx, req)
		if err != nil {
			return fail("config ls", err)
		}
		for _, e := range page.Items {
			if asJSON {
				printJSON(os.Stdout, e)
			} else {
				fmt.Printf("%s = %s\n", e.Key, e.Value)
			}
		}
		if page.NextPageToken == "" {
			return 0
		}
		req.PageToken, req.Revision = page.NextPageToken, page.Revision
	}
}

func watchConfig(ctx context.Context, client pb.ConfigServiceClient, prefix string, start int64, asJSON bool) int {
	stream, err := client.Watch(ctx, &pb.WatchConfigRequest{Prefix: prefix, StartRevision: start})
	if err != nil {
		return fail("config watch", err)
	}
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return 0
		}
		if err != nil {
			return fail("config watch", err)
		}
		if asJSON {
			printJSON(os.Stdout, resp)
			continue
		}
		if r := resp.GetResync(); r != nil {
			fmt.Printf("resync at revision %d:\n", r.Revision)
			for _, e := range r.Items {
				fmt.Printf("  %s = %s\n", e.Key, e.Value)
			}
		}
		for _, ev := range resp.Events {
			if ev.Type == pb.EventType_DELETE {
				fmt.Printf("DELETE %s (revision %d)\n", ev.Key, ev.ModRevision)
			} else {
				fmt.Printf("PUT %s = %s (revision %d)\n", ev.Key, ev.Value, ev.ModRevision)
			}
		}
	}
}
