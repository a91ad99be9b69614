// IpAddress / NotIpAddress (IPv4 and IPv6 CIDR) and the ARN operators.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { holds } from "./helpers.ts";

type Row = [string, unknown, Record<string, string>, boolean];

const ip: Row[] = [
  ["IPv4 inside the block", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "203.0.113.9" }, true],
  ["IPv4 outside the block", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "203.0.114.1" }, false],
  ["an address without prefix is a /32", { IpAddress: { "aws:SourceIp": "203.0.113.9" } }, { "aws:SourceIp": "203.0.113.9" }, true],
  ["an address without prefix is a /32 (neighbour)", { IpAddress: { "aws:SourceIp": "203.0.113.9" } }, { "aws:SourceIp": "203.0.113.10" }, false],
  ["/0 holds every IPv4 address", { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, { "aws:SourceIp": "198.51.100.7" }, true],
  ["a block with host bits set still matches its network", { IpAddress: { "aws:SourceIp": "203.0.113.77/24" } }, { "aws:SourceIp": "203.0.113.1" }, true],
  ["IPv6 inside the block", { IpAddress: { "aws:SourceIp": "2001:DB8:1234:5678::/64" } }, { "aws:SourceIp": "2001:db8:1234:5678::1" }, true],
  ["IPv6 outside the block", { IpAddress: { "aws:SourceIp": "2001:DB8:1234:5678::/64" } }, { "aws:SourceIp": "2001:db8:1234:5679::1" }, false],
  ["IPv6 written in full", { IpAddress: { "aws:SourceIp": "2001:db8::/32" } }, { "aws:SourceIp": "2001:0db8:0000:0000:0000:0000:0000:0001" }, true],
  ["IPv6 loopback", { IpAddress: { "aws:SourceIp": "::1/128" } }, { "aws:SourceIp": "::1" }, true],
  ["mixed IPv4 and IPv6 blocks are ORed (v4)", { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"] } }, { "aws:SourceIp": "203.0.113.5" }, true],
  ["mixed IPv4 and IPv6 blocks are ORed (v6)", { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"] } }, { "aws:SourceIp": "2001:db8:1234:5678:abcd::9" }, true],
  ["an IPv4-mapped IPv6 address is not an IPv4 address", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "::ffff:203.0.113.9" }, false],
  ["an embedded dotted quad in a v6 block", { IpAddress: { "aws:SourceIp": "::ffff:203.0.113.0/120" } }, { "aws:SourceIp": "::ffff:203.0.113.9" }, true],
  ["IpAddress on an absent key is false", { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, {}, false],
  ["NotIpAddress outside", { NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] } }, { "aws:SourceIp": "198.51.100.1" }, true],
  ["NotIpAddress inside one of them", { NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] } }, { "aws:SourceIp": "203.0.113.1" }, false],
  ["NotIpAddress on an absent key is true", { NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } }, {}, true],
  ["IpAddressIfExists on an absent key is true", { IpAddressIfExists: { "aws:SourceIp": "192.0.2.0/24" } }, {}, true],
  ["a malformed address fails IpAddress", { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, { "aws:SourceIp": "256.1.1.1" }, false],
  ["a malformed address fails NotIpAddress too", { NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } }, { "aws:SourceIp": "not-an-ip" }, false],
];

const arn: Row[] = [
  ["ArnEquals: same ARN", { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic" } }, { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic" }, true],
  ["ArnEquals takes wildcards like ArnLike", { ArnEquals: { "aws:SourceArn": "arn:aws:sns:*:111122223333:*" } }, { "aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:alerts" }, true],
  ["ArnLike: wildcard account", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" } }, { "aws:PrincipalArn": "arn:aws:iam::444455556666:role/Admin" }, true],
  ["ArnLike: exact resource", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" } }, { "aws:PrincipalArn": "arn:aws:iam::444455556666:role/AdminX" }, false],
  ["ArnLike is case-sensitive", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } }, { "aws:PrincipalArn": "arn:aws:iam::444455556666:role/Admin" }, false],
  ["ArnLike: `*` inside a component stays inside it", { ArnLike: { "aws:SourceArn": "arn:aws:s*:us-east-1:111122223333:x" } }, { "aws:SourceArn": "arn:aws:sqs:us-east-1:111122223333:x" }, true],
  ["ArnLike: a component wildcard does not swallow colons", { ArnLike: { "aws:SourceArn": "arn:aws:sqs:*:111122223333:x" } }, { "aws:SourceArn": "arn:aws:sqs:us-east-1:999999999999:111122223333:x" }, false],
  ["ArnLike: the resource component may hold colons", { ArnLike: { "aws:SourceArn": "arn:aws:logs:*:111122223333:log-group:*" } }, { "aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x" }, true],
  ["ArnLike: `?`", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::bucket-?" } }, { "aws:SourceArn": "arn:aws:s3:::bucket-1" }, true],
  ["ArnLike: `*` alone", { ArnLike: { "aws:SourceArn": "*" } }, { "aws:SourceArn": "arn:aws:s3:::bucket-1" }, true],
  ["ArnLike on a value that is not an ARN", { ArnLike: { "aws:SourceArn": "*" } }, { "aws:SourceArn": "bucket-1" }, false],
  ["ArnLike on an absent key is false", { ArnLike: { "aws:SourceArn": "*" } }, {}, false],
  ["ArnNotLike: other ARN", { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin*" } }, { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/Dev" }, true],
  ["ArnNotLike: matching ARN", { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin*" } }, { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/AdminTeam" }, false],
  ["ArnNotEquals on an absent key is true", { ArnNotEquals: { "aws:SourceArn": "arn:aws:s3:::b" } }, {}, true],
  ["ArnNotLike on a value that is not an ARN fails", { ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::b" } }, { "aws:SourceArn": "b" }, false],
];

for (const [title, rows] of [["IP address", ip], ["ARN", arn]] as const) {
  describe(`${title} condition operators`, () => {
    for (const [name, condition, context, expected] of rows) it(name, () => assert.equal(holds(condition, context), expected));
  });
}
