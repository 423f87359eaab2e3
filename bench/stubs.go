package main

import "context"

func (b *bench) footprint(ctx context.Context) error        { return nil }
func (b *bench) hotRead(ctx context.Context) error          { return nil }
func (b *bench) locks(ctx context.Context) error            { return nil }
func (b *bench) election(ctx context.Context) error         { return nil }
func (b *bench) registry(ctx context.Context) error         { return nil }
func (b *bench) restart(ctx context.Context) error          { return nil }
func (b *bench) profile(ctx context.Context) error          { return nil }
func (b *bench) clientsSection(ctx context.Context) error   { return nil }
