import { graphql } from '../../gql';

/** What a board card or an order row shows, with the actions the viewer may take. */
export const BoardOrderFields = graphql(`
  fragment BoardOrderFields on Order {
    id
    number
    title
    status
    amount
    currency
    dueDate
    createdAt
    availableActions
    customer {
      id
      email
    }
  }
`);
