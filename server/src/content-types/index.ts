import article from './article';
import wireItem from './wire-item';
import agency from './agency';
import rubric from './rubric';
import workflowEvent from './workflow-event';
import renditionJob from './rendition-job';
import feed from './feed';
import editLock from './edit-lock';
import publishedVersion from './published-version';
import subscriber from './subscriber';
import pushDelivery from './push-delivery';

export default {
  article,
  'wire-item': wireItem,
  agency,
  rubric,
  'workflow-event': workflowEvent,
  'rendition-job': renditionJob,
  feed,
  'edit-lock': editLock,
  'published-version': publishedVersion,
  subscriber,
  'push-delivery': pushDelivery,
};
