#!/usr/bin/perl
# tools/gen-upgrade.pl OLD.sql BEFORE.sql AFTER.sql PART... > quota--OLD--NEW.sql
#
# Writes the upgrade script from the frozen script of the old version, the
# parts of the new one, and two hand-written files:
#   BEFORE  what the generated body cannot know: new columns of existing
#           tables and their backfill, changed constraints, objects whose
#           signature or result type changed (dropped here, re-created below);
#   AFTER   data migrations that need the new functions (new accounts,
#           history rows).
# The generated body takes every statement of the new parts in order and
#   - re-creates every function (CREATE OR REPLACE), view (CREATE OR
#     REPLACE) and trigger (CREATE OR REPLACE TRIGGER);
#   - re-runs every COMMENT, GRANT, REVOKE and pg_extension_config_dump;
#   - drops and re-creates row-level security policies;
#   - runs any other statement (tables, indexes, seeded rows, types,
#     operators, event triggers, ALTER ...) only when it does not appear,
#     word for word, in the old script: a table that already exists is never
#     re-created (its changes belong in BEFORE; a warning names it), and a
#     seeded INSERT into an old table skips rows that are already there;
#   - drops the triggers, views and functions the old script made and the
#     new one no longer has.
# The test (tools/test-upgrade.sh) proves the result: an updated database
# and a fresh install have the same catalog signature.
use strict;
use warnings;

sub slurp { my ($f) = @_; open(my $h, '<:raw', $f) or die "$f: $!"; local $/; my $s = <$h>; close $h; return $s; }

# split SQL text into statements (each with its leading comments), honouring
# quotes, dollar quotes and comments; psql meta-commands are dropped
sub statements
{
	my ($text) = @_;
	my @out;
	my $cur = '';
	my $i = 0;
	my $n = length $text;
	while ($i < $n)
	{
		my $c = substr($text, $i, 1);
		if ($c eq '\\' && ($i == 0 || substr($text, $i - 1, 1) eq "\n"))
		{
			my $e = index($text, "\n", $i);
			$e = $n if $e < 0;
			$i = $e + 1;
			next;
		}
		if ($c eq '-' && substr($text, $i, 2) eq '--')
		{
			my $e = index($text, "\n", $i);
			$e = $n - 1 if $e < 0;
			$cur .= substr($text, $i, $e - $i + 1);
			$i = $e + 1;
			next;
		}
		if ($c eq '/' && substr($text, $i, 2) eq '/*')
		{
			my $e = index($text, '*/', $i + 2);
			die "unterminated comment" if $e < 0;
			$cur .= substr($text, $i, $e + 2 - $i);
			$i = $e + 2;
			next;
		}
		if ($c eq "'" || $c eq '"')
		{
			my $j = $i + 1;
			while (1)
			{
				my $e = index($text, $c, $j);
				die "unterminated quote" if $e < 0;
				if (substr($text, $e + 1, 1) eq $c) { $j = $e + 2; next; }
				$cur .= substr($text, $i, $e + 1 - $i);
				$i = $e + 1;
				last;
			}
			next;
		}
		if ($c eq '$' && substr($text, $i) =~ /^(\$[A-Za-z_]*\$)/)
		{
			my $tag = $1;
			my $e = index($text, $tag, $i + length $tag);
			die "unterminated $tag" if $e < 0;
			$cur .= substr($text, $i, $e + length($tag) - $i);
			$i = $e + length $tag;
			next;
		}
		$cur .= $c;
		$i++;
		if ($c eq ';')
		{
			push @out, $cur;
			$cur = '';
		}
	}
	push @out, $cur if $cur =~ /\S/ && strip($cur) ne '';
	return @out;
}

# the statement without leading comments and whitespace
sub strip
{
	my ($s) = @_;
	1 while ($s =~ s/\A\s+// || $s =~ s/\A--[^\n]*\n?// || $s =~ s{\A/\*.*?\*/}{}s);
	return $s;
}

sub norm { my ($s) = @_; $s = strip($s); $s =~ s/\s+/ /g; return $s; }

my ($old_file, $before_file, $after_file, @parts) = @ARGV;
die "usage: gen-upgrade.pl OLD BEFORE AFTER PART...\n" unless @parts;

my (%old_stmt, %old_table, %old_trigger, %old_view, %old_function);
for my $s (statements(slurp($old_file)))
{
	my $t = norm($s);
	$old_stmt{$t} = 1;
	$old_table{lc $1} = 1 if $t =~ /^CREATE TABLE (\S+)/i;
	$old_trigger{"$1 ON $2"} = 1 if $t =~ /^CREATE (?:CONSTRAINT )?TRIGGER (\S+) .*? ON (\S+)/i;
	$old_view{$1} = 1 if $t =~ /^CREATE VIEW (\S+)/i;
	$old_function{$1} = $2 if $t =~ /^CREATE FUNCTION (\S+?)\s*\((.*?)\)\s*(?:RETURNS|$)/is;
}

my (@body, %new_trigger, %new_view, %new_function);
for my $part (@parts)
{
	push @body, "\n-- from $part\n";
	for my $s (statements(slurp($part)))
	{
		my $t = norm($s);
		my $code = strip($s);
		if ($t =~ /^CREATE FUNCTION (\S+?)\s*\((.*?)\)\s*(?:RETURNS|$)/is)
		{
			$new_function{$1} = 1;
			$code =~ s/^CREATE FUNCTION/CREATE OR REPLACE FUNCTION/i;
		}
		elsif ($t =~ /^CREATE VIEW (\S+)/i)
		{
			$new_view{$1} = 1;
			$code =~ s/^CREATE VIEW/CREATE OR REPLACE VIEW/i;
		}
		elsif ($t =~ /^CREATE TRIGGER (\S+) .*? ON (\S+)/i)
		{
			$new_trigger{"$1 ON $2"} = 1;
			$code =~ s/^CREATE TRIGGER/CREATE OR REPLACE TRIGGER/i;
		}
		elsif ($t =~ /^CREATE POLICY (\S+) ON (\S+)/i)
		{
			$code = "DROP POLICY IF EXISTS $1 ON $2;\n$code";
		}
		elsif ($t =~ /^(COMMENT ON|GRANT|REVOKE|SELECT pg_catalog\.pg_extension_config_dump)/i)
		{
			# idempotent: run again
		}
		elsif ($t =~ /^CREATE SCHEMA/i)
		{
			next;
		}
		elsif ($old_stmt{$t})
		{
			next;
		}
		elsif ($t =~ /^CREATE TABLE (\S+)/i && $old_table{lc $1})
		{
			print STDERR "gen-upgrade: table $1 changed since the old version: alter it in $before_file\n";
			next;
		}
		elsif ($t =~ /^INSERT INTO (\S+)/i && $old_table{lc $1})
		{
			$code =~ s/;\s*\z/\nON CONFLICT DO NOTHING;/ unless $t =~ /ON CONFLICT/i;
		}
		push @body, $code . "\n";
	}
}

my @drops;
for my $k (sort keys %old_trigger)
{
	push @drops, "DROP TRIGGER IF EXISTS $k;\n" unless $new_trigger{$k};
}
for my $v (sort keys %old_view)
{
	push @drops, "DROP VIEW IF EXISTS $v;\n" unless $new_view{$v};
}

print "-- quota upgrade script, generated by tools/gen-upgrade.pl from the frozen\n";
print "-- $old_file, the hand-written $before_file and $after_file, and the\n";
print "-- parts of the new version.  Do not edit: edit those.\n";
print "\\echo Use \"ALTER EXTENSION quota UPDATE\" to load this file. \\quit\n\n";
print "-- before: hand-written\n", slurp($before_file), "\n";
print "-- objects of the old version the new one no longer has\n", @drops, "\n" if @drops;
print "-- the new version's objects\n", @body, "\n";
for my $f (sort keys %old_function)
{
	print STDERR "gen-upgrade: function $f is gone: drop it in $before_file\n" unless $new_function{$f};
}
print "-- after: hand-written\n", slurp($after_file);
