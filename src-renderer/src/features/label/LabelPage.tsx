import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useLabeling } from '../../stores/labeling';
import { useUi } from '../../stores/ui';
import { NewSessionForm } from './NewSessionForm';
import { RaterGate } from './RaterGate';
import { RatingScreen } from './RatingScreen';
import { SessionSummaryView } from './SessionSummaryView';
import { SessionsHome } from './SessionsHome';
import './label.css';

/** #/label, #/label/new, #/label/<session>, #/label/<session>/summary. */
export function LabelPage() {
  const params = useUi((s) => s.route.params);
  const raterId = useLabeling((s) => s.raterId);
  const raters = useLabeling((s) => s.raters);
  const loadRaters = useLabeling((s) => s.loadRaters);
  useEffect(() => {
    void loadRaters();
  }, [loadRaters]);
  const [first, second] = params;
  if (first && second === 'summary') return <SessionSummaryView sessionId={first} />;
  if (raters.status === 'error')
    return <ErrorNotice message={raters.message} onRetry={loadRaters} />;
  if (raters.status !== 'ready') return <Loading what="raters" />;
  if (!raterId) return <RaterGate />;
  if (first === 'new') return <NewSessionForm />;
  if (first) return <RatingScreen sessionId={first} />;
  return <SessionsHome />;
}
