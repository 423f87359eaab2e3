package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
)

func servicesCommand(args []string) int {
	fs := newFlags("services", "[SERVICE] [flags]")
	cf := addClientFlags(fs)
	positional, err := parseInterleaved(fs, args)
	if err != nil || len(positional) > 1 {
		return 2
	}
	conn, ctx, err := cf.dial()
	if err != nil {
		return fail("services", err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(ctx, *cf.timeout)
	defer cancel()
	registry := pb.NewRegistryServiceClient(conn)
	if len(positional) == 0 {
		resp, err := registry.ListServices(ctx, &pb.ListServicesRequest{})
		if err != nil {
			return fail("services", err)
		}
		if cf.json() {
			printJSON(os.Stdout, resp)
		} else {
			for _, s := range resp.Services {
				fmt.Println(s)
			}
		}
		return 0
	}
	resp, err := registry.ListInstances(ctx, &pb.ListInstancesRequest{Service: positional[0]})
	if err != nil {
		return fail("services", err)
	}
	if cf.json() {
		printJSON(os.Stdout, resp)
		return 0
	}
	for _, inst := range resp.Instances {
		var meta []string
		for k, v := range inst.Metadata {
			meta = append(meta, k+"="+v)
		}
		sort.Strings(meta)
		fmt.Printf("%s\t%s:%d\tsession %d\t%s\n", inst.Id, inst.Address, inst.Port, inst.SessionId, strings.Join(meta, ","))
	}
	return 0
}
