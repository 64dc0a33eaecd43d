import { Cast } from '@strapi/icons';

/** The newsroom's menu icon: copy coming in on the wire (the Content Manager already has the feather). */
export const NewsroomIcon = () => <Cast />;
