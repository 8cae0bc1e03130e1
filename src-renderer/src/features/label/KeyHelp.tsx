import { ratingShortcuts } from './ratingKeys';

/** The keyboard map of the rating screen. */
export function KeyHelp({ kind }: { kind: 'pointwise' | 'pairwise' }) {
  return (
    <table className="table label-keys" aria-label="Keyboard map">
      <tbody>
        {ratingShortcuts(kind).map(({ keys, description }) => (
          <tr key={keys}>
            <td>
              <kbd>{keys}</kbd>
            </td>
            <td>{description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
