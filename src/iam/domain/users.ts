// IAM users. federa's IAM API has no user policy operations yet, so a user's identity-based
// policies are none: every request of a user is implicitly denied, as in IAM for a user without
// policies. `userPolicies` is the one place to read them once the store keeps them.
import { awsUniqueId } from "../../crypto/index.ts";
import { userArn } from "../../shared/index.ts";
import { IamError } from "../errors.ts";
import type { IamTag, UserRecord } from "../types.ts";
import type { Domain } from "./context.ts";
import { userKey } from "./keys.ts";
import type { LabelledDocument } from "./role-policies.ts";

export interface CreateUserInput {
  accountId: string;
  userName: string;
  path?: string;
  tags?: IamTag[];
}

export interface UserAdmin {
  createUser(input: CreateUserInput): Promise<UserRecord>;
  findUser(accountId: string, userName: string): Promise<UserRecord | undefined>;
  getUser(accountId: string, userName: string): Promise<UserRecord>;
  /** The documents of the user's inline and attached policies: none yet (see above). */
  userPolicies(user: UserRecord): Promise<LabelledDocument[]>;
}

export const noSuchUser = (userName: string) => new IamError("NoSuchEntity", `The user with name ${userName} cannot be found.`);

export function createUserAdmin(domain: Domain): UserAdmin {
  const { repo } = domain;
  const findUser = (accountId: string, userName: string) => repo.get<UserRecord>(accountId, "user", userKey(userName));
  return {
    async createUser(input) {
      const path = input.path ?? "/";
      const user: UserRecord = {
        accountId: input.accountId,
        userName: input.userName,
        userId: awsUniqueId("AIDA"),
        path,
        arn: userArn(input.accountId, path, input.userName),
        createdAt: domain.now(),
        ...(input.tags?.length ? { tags: input.tags } : {}),
      };
      if (!(await repo.put(input.accountId, "user", userKey(input.userName), user, { ifAbsent: true }))) {
        throw new IamError("EntityAlreadyExists", `User with name ${input.userName} already exists.`);
      }
      return user;
    },
    findUser,
    async getUser(accountId, userName) {
      const user = await findUser(accountId, userName);
      if (!user) throw noSuchUser(userName);
      return user;
    },
    userPolicies: async () => [],
  };
}
