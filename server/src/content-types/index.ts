import article from './article';
import wireItem from './wire-item';
import agency from './agency';
import rubric from './rubric';
import workflowEvent from './workflow-event';

export default {
  article,
  'wire-item': wireItem,
  agency,
  rubric,
  'workflow-event': workflowEvent,
};
